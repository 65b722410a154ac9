from .loader import load_checkpoint
from .registry import OPTIMIZERS, Registry
