"""Taking a file from the inbox safely, guarding untrusted input, detecting its reader."""
