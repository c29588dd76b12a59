//! manipulation (stub; being written).
