import { contextBridge, ipcRenderer } from 'electron'

// The renderer gets one typed door and nothing else: no ipcRenderer, no channel names.
contextBridge.exposeInMainWorld('desk', {
  call: (method: string, input: unknown, token: string | null) => ipcRenderer.invoke('desk:call', method, input, token),
})
