"""Stage 3, pages: the KnowledgeBase -> page bodies, through view models (views/) and
autoescaped templates (overrides/kb/). Every URL and record title comes from common/urls.py."""
