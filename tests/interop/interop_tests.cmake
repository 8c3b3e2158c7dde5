# Files read back by readers we did not write (h5py)
