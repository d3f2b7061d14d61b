"""The trip model: stops, days, legs, travel modes and a user's choices."""
