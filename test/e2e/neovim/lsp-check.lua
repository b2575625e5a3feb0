-- Headless Neovim (Debian's 0.7.2: vim.lsp.start_client, no vim.lsp.start) against the bundled
-- language server over stdio: open a file, receive its diagnostics, apply the preferred code
-- action, and see the fixed diagnostic go away. Run by neovim.e2e.ts, which passes:
--   GOODPUT_SERVER     path of dist/server.js
--   GOODPUT_WORKSPACE  the workspace root
--   GOODPUT_EXPECTED   the expected findings of the open file, "line:ruleId" joined by ","
-- Exits 0 when every check passed (prints PASS/FAIL lines), 1 otherwise.
local function out(line) io.stdout:write(line .. '\n') end
local function fail(message)
  out('FAIL ' .. message)
  vim.cmd('cquit 1')
end

local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)
vim.bo[bufnr].filetype = 'typescript'

local latest -- the last publishDiagnostics for this buffer
local client_id = vim.lsp.start_client({
  name = 'goodput',
  cmd = { 'node', os.getenv('GOODPUT_SERVER'), '--stdio' },
  root_dir = os.getenv('GOODPUT_WORKSPACE'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if result and result.uri == uri then latest = result end
    end,
  },
})
if not client_id then fail('vim.lsp.start_client returned nil') end
vim.lsp.buf_attach_client(bufnr, client_id)

-- 1. Diagnostics: exactly the expected findings of this file.
if not vim.wait(30000, function() return latest ~= nil and #latest.diagnostics > 0 end, 20) then
  fail('no diagnostics within 30 s')
end
local function keys(diagnostics)
  local list = {}
  for _, d in ipairs(diagnostics) do list[#list + 1] = (d.range.start.line + 1) .. ':' .. tostring(d.code) end
  table.sort(list)
  return table.concat(list, ',')
end
local expected = vim.split(os.getenv('GOODPUT_EXPECTED') or '', ',', { trimempty = true })
table.sort(expected)
if keys(latest.diagnostics) ~= table.concat(expected, ',') then
  fail('diagnostics ' .. keys(latest.diagnostics) .. ', expected ' .. table.concat(expected, ','))
end
out('PASS diagnostics ' .. keys(latest.diagnostics) .. ' (vim.diagnostic has ' .. #vim.diagnostic.get(bufnr) .. ')')

-- 2. Code action: the preferred quick fix of the first diagnostic that has one (some findings
--    only have suggestions, which are never preferred).
local before = #latest.diagnostics
local preferred
for _, diagnostic in ipairs(latest.diagnostics) do
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = diagnostic.range,
    context = { diagnostics = { diagnostic } },
  }, 10000)
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      if action.isPreferred and action.edit then preferred = action end
    end
  end
  if preferred then break end
end
if not preferred then fail('no diagnostic has a preferred code action') end
local client = vim.lsp.get_client_by_id(client_id)
vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or 'utf-16')
out('PASS applied "' .. preferred.title .. '"')

-- 3. The edit reaches the server (didChange) and the finding is gone.
if not vim.wait(30000, function() return #latest.diagnostics == before - 1 end, 20) then
  fail('after the fix: ' .. keys(latest.diagnostics))
end
out('PASS after the fix: ' .. (keys(latest.diagnostics) ~= '' and keys(latest.diagnostics) or 'no diagnostics'))
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
