"""Archive hand-off: Fiks Arkiv packages (arkivmelding.xml, PDF/A and Word) for final documents."""
