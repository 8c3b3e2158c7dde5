# Tests of the classification part of analysis/.
