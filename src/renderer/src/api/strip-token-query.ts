/**
 * The server's printed URL carries `?token=...`; the server trades it for a cookie when the page loads. Once
 * the page is up the token has done its job, so it is removed from the address bar (and history) where it
 * could be copied, bookmarked or shoulder-surfed.
 */
export function stripTokenQuery(win: Pick<Window, 'location' | 'history'> = window): void {
  const url = new URL(win.location.href)
  if (!url.searchParams.has('token')) return
  url.searchParams.delete('token')
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`)
}
