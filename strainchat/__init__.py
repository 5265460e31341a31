"""StrainChat: ask a microbial culture-collection catalogue questions in English or Italian."""
