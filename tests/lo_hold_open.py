"""Keep a workbook open in LibreOffice (for editing) until a line arrives on stdin.

Runs under the system python3 that has python3-uno: `/usr/bin/python3 tests/lo_hold_open.py
FILE "Given" "Surname"`. Prints `open` once the document is loaded. The profile gives the user
a name and asks for MS Office owner files too (`CreateMSOLockFiles`), so LibreOffice writes
both `.~lock.FILE#` and Excel's `~$FILE`: lock files made by a program we did not write.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

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


def _prop(name, value):
    from com.sun.star.beans import PropertyValue

    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe):
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 90
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.3)


def hold(path, given, surname):
    import uno

    with tempfile.TemporaryDirectory(prefix="kinerja-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(
            _XCU.format(given=escape(given), surname=escape(surname)), encoding="utf-8")
        pipe = f"kinerja_hold_{os.getpid()}"
        office = subprocess.Popen(
            ["soffice", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
             "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        desktop = None
        try:
            ctx = _connect(pipe)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                                   ctx)
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
            print("open", flush=True)
            sys.stdin.readline()
            doc.close(True)
        finally:
            if desktop is not None:
                with contextlib.suppress(Exception):
                    desktop.terminate()
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    hold(*sys.argv[1:4])
