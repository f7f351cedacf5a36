"""Reference samples: family pedigrees and their donors, consent and tombstones,
chain of custody, DNA profiles. Below both ``antemortem`` and ``identification``."""
