"""Platform adapters: Meta's Graph API, a console adapter for development, a fake Graph server.

Every adapter implements :class:`~casewarden.platforms.interfaces.PlatformAdapter`. None
of them can follow, befriend, like or message a person: those operations do not exist
here, so no code path can reach them.
"""
