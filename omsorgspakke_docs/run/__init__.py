"""Running the steps: the pipeline, parallel workers, the watch service."""
