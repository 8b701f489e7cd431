import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { declaredTooLarge, decodePath, fileInside, hostAllowed, originAllowed, parseHost, sizeText } from '../../electron/host/door'
import { api } from '../../shared/api'
import { DEFAULT_MAX_BODY, type MethodDef } from '../../shared/api/contract'

describe('HTTP door decisions', () => {
  it('Host: loopback names or allowed LAN names, with the listening port only', () => {
    expect(hostAllowed('127.0.0.1:5780', 5780)).toBe(true)
    expect(hostAllowed('localhost:5780', 5780)).toBe(true)
    expect(hostAllowed('[::1]:5780', 5780)).toBe(true)
    expect(hostAllowed('127.0.0.1:5781', 5780)).toBe(false)
    expect(hostAllowed('127.0.0.1', 5780)).toBe(false)
    expect(hostAllowed('127.0.0.1', 80)).toBe(true)
    expect(hostAllowed('rebind.evil.example:5780', 5780)).toBe(false)
    expect(hostAllowed('127.0.0.1.evil.example:5780', 5780)).toBe(false)
    expect(hostAllowed(undefined, 5780)).toBe(false)
    expect(hostAllowed('', 5780)).toBe(false)
    expect(hostAllowed('a b:5780', 5780)).toBe(false)
    expect(hostAllowed('desk-2.local:5780', 5780, ['Desk-2.local'])).toBe(true)
    expect(parseHost('[::1]:80')).toEqual({ name: '[::1]', port: 80 })
  })

  it('Origin: absent (a program) or this desk itself; "null" and other sites refused', () => {
    expect(originAllowed(undefined, 5780)).toBe(true)
    expect(originAllowed('http://127.0.0.1:5780', 5780)).toBe(true)
    expect(originAllowed('http://localhost:5780', 5780)).toBe(true)
    expect(originAllowed('http://[::1]:5780', 5780)).toBe(true)
    expect(originAllowed('null', 5780)).toBe(false)
    expect(originAllowed('http://evil.example:5780', 5780)).toBe(false)
    expect(originAllowed('http://127.0.0.1:5781', 5780)).toBe(false)
    expect(originAllowed('app://desk', 5780)).toBe(false)
    expect(originAllowed('http://127.0.0.1:5780/path', 5780)).toBe(false)
    expect(originAllowed('http://user@127.0.0.1:5780', 5780)).toBe(false)
  })

  it('decodes paths without throwing', () => {
    expect(decodePath('/%E0%A4%A')).toBeNull()
    expect(decodePath('/%')).toBeNull()
    expect(decodePath('/a%00')).toBeNull()
    expect(decodePath('/%E6%A5%BC')).toBe('/楼')
  })

  it('keeps files inside the folder, separator included', () => {
    const root = path.resolve('/srv/out/renderer')
    expect(fileInside(root, '/index.html')).toBe(path.join(root, 'index.html'))
    expect(fileInside(root, '/')).toBe(root)
    expect(fileInside(root, '/../renderer-old/secret.txt')).toBeNull()
    expect(fileInside(root, '/../renderer')).toBe(root)
    expect(fileInside(root, '/../../etc/passwd')).toBeNull()
    expect(fileInside(root + path.sep, '/a.js')).toBe(path.join(root, 'a.js'))
  })

  it('refuses by declared length', () => {
    expect(declaredTooLarge(undefined, 10)).toBe(false)
    expect(declaredTooLarge('10', 10)).toBe(false)
    expect(declaredTooLarge('11', 10)).toBe(true)
    expect(declaredTooLarge('abc', 10)).toBe(true)
    expect(sizeText(256 * 1024)).toBe('256 KB')
    expect(sizeText(40 * 1024 * 1024)).toBe('40 MB')
  })

  it('methods that take files declare limits at least as large as their schemas allow', () => {
    const defs = api as Record<string, MethodDef>
    expect(defs['import.preview'].maxBody).toBeGreaterThanOrEqual(40_000_000)
    expect(defs['permit.apply'].maxBody).toBeGreaterThanOrEqual(10 * Math.ceil((2 * 1024 * 1024) / 3) * 4)
    expect(defs['workerPass.issueBatch'].maxBody).toBeGreaterThanOrEqual(48 * 700_000)
    expect(defs['handover.sign'].maxBody).toBeGreaterThanOrEqual(2 * 400_000)
    // The rest keep the small default.
    expect(defs['auth.login'].maxBody).toBeUndefined()
    expect(defs['setup.create'].maxBody).toBeUndefined()
    expect(DEFAULT_MAX_BODY).toBe(256 * 1024)
  })
})
