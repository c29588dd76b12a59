//! sorting (stub; being written).
