import sys

from bench.cruft.run import main

sys.exit(main())
