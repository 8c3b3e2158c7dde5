# Tests of the contacts part of analysis/.
