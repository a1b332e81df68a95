"""Print, as JSON, the Basic modules LibreOffice imports from a workbook's VBA project.

Runs under the system python3 that has python3-uno (LibreOffice's bridge), not the project's
interpreter: `/usr/bin/python3 tests/lo_basic_dump.py FILE.xlsm`. LibreOffice is a third,
independent MS-OVBA reader next to oletools and our own writer.
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time


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


@contextlib.contextmanager
def desktop_session(registry_xcu=None):
    """A headless LibreOffice with a throw-away profile (optionally with registry settings),
    yielding its Desktop; terminated on exit."""
    import uno

    with tempfile.TemporaryDirectory(prefix="kinerja-lo-") as profile:
        if registry_xcu:
            user = os.path.join(profile, "user")
            os.makedirs(user)
            with open(os.path.join(user, "registrymodifications.xcu"), "w",
                      encoding="utf-8") as fh:
                fh.write(registry_xcu)
        pipe = f"kinerja_lo_{os.getpid()}"
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
            yield desktop
        finally:
            if desktop is not None:
                with contextlib.suppress(Exception):
                    desktop.terminate()
            try:
                office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                office.kill()


def dump(path):
    import uno

    with desktop_session() as desktop:
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = desktop.loadComponentFromURL(url, "_blank", 0,
                                           (_prop("Hidden", True), _prop("ReadOnly", True)))
        modules = {}
        libraries = doc.BasicLibraries
        if libraries.hasByName("VBAProject"):
            libraries.loadLibrary("VBAProject")
            library = libraries.getByName("VBAProject")
            modules = {name: library.getByName(name) for name in library.ElementNames}
        doc.close(True)
        return modules


if __name__ == "__main__":
    json.dump(dump(sys.argv[1]), sys.stdout)
