"""The command line: parse arguments, call the services, print results. No SQL, no rules here."""
