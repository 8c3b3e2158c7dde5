# Tests of the dynamics part of analysis/.
