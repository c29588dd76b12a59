//! numoxide-ops: the routine families.
