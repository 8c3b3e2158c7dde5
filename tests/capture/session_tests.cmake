# Session store tests: plantar_add_test(test_session ...)
