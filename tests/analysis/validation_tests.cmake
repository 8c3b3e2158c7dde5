# End-to-end validation of the analysis against the simulator's truth and the vendor samples.
