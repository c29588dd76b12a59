//! logic (stub; being written).
