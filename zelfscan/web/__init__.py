"""The web face of zelfscan: blueprints, one per concern, thin views over the other parts."""
