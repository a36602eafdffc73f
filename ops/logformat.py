"""Log records as JSON lines on stdout, for the platform's log collector.

Only the standard library here: logging is configured before apps load.
"""

import json
import logging
from datetime import UTC, datetime

from django.http import HttpRequest

# Attributes every LogRecord has; anything else came in through `extra`.
_STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the `extra` fields.

    A traceback goes into the log line, never into a page.
    """

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key in _STANDARD_ATTRIBUTES:
                continue
            if key == "request":
                # django.request passes the request; the server loggers pass a socket.
                if isinstance(value, HttpRequest):
                    entry["method"] = value.method
                    entry["path"] = value.path
                continue
            entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
