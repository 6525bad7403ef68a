import type { Page } from '@playwright/test'

// How the e2e specs reach the app, by the roles and names a user (or a screen reader) meets.

/** Types an address into the URL field and presses Enter, as a user saves an article. */
export async function saveUrl(page: Page, url: string): Promise<void> {
  const input = page.getByLabel('Article URL')
  await input.fill(url)
  await input.press('Enter')
}

/** A sidebar view link: Inbox, Favorites, Archive, All. */
export const viewLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Library views' }).getByRole('link', { name, exact: true })

/** The rows of the article list. */
export const articleRows = (page: Page) => page.getByRole('list', { name: 'Articles' }).getByRole('listitem')
