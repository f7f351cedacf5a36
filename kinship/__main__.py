import sys

from kinship.cli import main

sys.exit(main())
