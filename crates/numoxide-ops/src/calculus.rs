//! calculus (stub; being written).
