"""Email to founders when their build ends."""
