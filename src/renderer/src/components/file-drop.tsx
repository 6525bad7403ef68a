import { useState, type DragEvent, type ReactNode } from 'react'
import { useAppStore } from '../store/store-context'

const isHtmlFile = (file: File) => /\.x?html?$/i.test(file.name) || file.type === 'text/html'

/** Lets the whole window take dropped HTML files (pages saved from a browser) and save them. */
export function FileDrop({ children }: { children: ReactNode }) {
  const addFile = useAppStore((s) => s.addFile)
  const [over, setOver] = useState(false)

  const carriesFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files')

  return (
    <div
      className={over ? 'file-drop is-over' : 'file-drop'}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return
        event.preventDefault() // without this the browser opens the file instead
        setOver(true)
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setOver(false)
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return
        event.preventDefault()
        setOver(false)
        void (async () => {
          for (const file of [...event.dataTransfer.files].filter(isHtmlFile)) {
            await addFile({ name: file.name, bytes: await file.arrayBuffer() })
          }
        })()
      }}
      data-testid="file-drop"
    >
      {children}
      {over && (
        <div className="file-drop-hint" aria-hidden="true">
          Drop saved web pages (.html) to add them to your library
        </div>
      )}
    </div>
  )
}
