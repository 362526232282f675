"""The classroom server (issue 22): one process, a lab per trainee, the instructor\x27s view."""
