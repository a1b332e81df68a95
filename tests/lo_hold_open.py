"""Keep a workbook open in LibreOffice (for editing) until a line arrives on stdin.

Runs under the system python3 that has python3-uno: `/usr/bin/python3 tests/lo_hold_open.py
FILE "Given" "Surname"`. Prints `open` once the document is loaded. The profile gives the user
a name and asks for MS Office owner files too (`CreateMSOLockFiles`), so LibreOffice writes
both `.~lock.FILE#` and Excel's `~$FILE`: lock files made by a program we did not write.
"""

import os
import sys
from xml.sax.saxutils import escape

from lo_basic_dump import _prop, desktop_session  # same folder: run as a script

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.UserProfile/Data">
  <prop oor:name="givenname" oor:op="fuse"><value>{given}</value></prop></item>
<item oor:path="/org.openoffice.UserProfile/Data">
  <prop oor:name="sn" oor:op="fuse"><value>{surname}</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc">
  <prop oor:name="CreateMSOLockFiles" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


def hold(path, given, surname):
    import uno

    xcu = _XCU.format(given=escape(given), surname=escape(surname))
    with desktop_session(xcu) as desktop:
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
        print("open", flush=True)
        sys.stdin.readline()
        doc.close(True)


if __name__ == "__main__":
    hold(*sys.argv[1:4])
