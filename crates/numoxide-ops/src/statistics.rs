//! statistics (stub; being written).
