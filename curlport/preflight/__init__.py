"""Pre-flight before onboarding: what the platform will send (render), whether the provider accepts it (send),
and the config as a request other tools run (export). The library never prints and never exits."""
