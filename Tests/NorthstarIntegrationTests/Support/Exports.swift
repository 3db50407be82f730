// Every integration test uses the probe (temporary folders, inotify waits, notify sockets).
@_exported import NorthstarProbe
