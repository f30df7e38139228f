"""Every date: the schedule, working days, the contact person's bookings."""
