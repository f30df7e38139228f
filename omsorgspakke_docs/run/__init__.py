"""Running the steps: the run loop, the file step, the case step, summary, workers, watch."""
