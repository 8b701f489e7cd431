import { DeskError } from '../errors'
import { BUSY_TIMEOUT_MS } from './connection'

/** The code sqlite3 (SQLITE_BUSY …) or Node's fs (EACCES …) put on an error, if any. */
function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/**
 * A failure of the disk or of the database file, as the clerk must read it: what is wrong, where,
 * and that nothing was saved (every write is one transaction, rolled back on error). Null for
 * anything else (a bug: the dispatcher reports it as an internal error).
 */
export function storageProblem(e: unknown, dbFile: string): DeskError | null {
  const code = codeOf(e)
  const message = e instanceof Error ? e.message : ''
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new DeskError(
      'BUSY',
      `数据库正被另一个程序占用,等待 ${BUSY_TIMEOUT_MS / 1000} 秒后仍未释放:${dbFile}。本次操作未保存,请稍后重试;如另开了前台程序或数据库工具,请先关闭它。`,
    )
  }
  if (code === 'SQLITE_MISUSE' && /handle is closed/i.test(message)) {
    return new DeskError('BUSY', '前台程序正在关闭,本次操作未执行;请重新打开程序后再试。')
  }
  if (code === 'SQLITE_READONLY' || code === 'EROFS') {
    return new DeskError('INTERNAL', `数据库文件是只读的,无法保存:${dbFile}。本次操作未保存;请检查该文件和所在文件夹的写入权限,或磁盘是否被设为只读。`)
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EPERM') {
    return new DeskError('INTERNAL', `无法写入数据文件夹:${dbFile}。本次操作未保存;请检查该文件夹的写入权限。`)
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new DeskError('INTERNAL', `磁盘空间已满,无法保存:${dbFile}。本次操作未保存;请清理磁盘空间后重试。`)
  }
  if (code === 'SQLITE_IOERR' || code === 'EIO') {
    return new DeskError('INTERNAL', `读写数据库文件时出错(磁盘或网络盘故障):${dbFile}。本次操作未保存;请检查磁盘后重试。`)
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new DeskError('INTERNAL', `数据库文件已损坏:${dbFile}。本次操作未保存;请关闭程序,从备份恢复。`)
  }
  return null
}
