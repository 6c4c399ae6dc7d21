"""What the activity feed says at each stage: offline sentences or a model's."""
