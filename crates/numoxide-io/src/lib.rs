//! .npy/.npz files, text files and memory maps.
