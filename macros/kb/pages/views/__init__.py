"""View models: what each template prints, computed from the KnowledgeBase in Python."""
