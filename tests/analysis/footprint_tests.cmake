# Tests of the footprint part of analysis/.
