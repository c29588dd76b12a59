//! indexing (stub; being written).
