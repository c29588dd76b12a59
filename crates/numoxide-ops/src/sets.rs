//! sets (stub; being written).
