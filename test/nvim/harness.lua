-- Drives Neovim's built-in LSP client for test/nvim/neovim.test.ts. Runs after the README's Neovim snippet
-- (loaded as the user config with `nvim --headless --clean -u <snippet>`), so the client under test is the one
-- the README configures. It opens two sample files, waits (vim.wait, no fixed sleeps) until the diagnostics
-- the test needs have arrived, reads them back through vim.diagnostic.get, asks for a hover through
-- vim.lsp.buf_request_sync, writes everything as JSON to $QL_OUT and quits (which stops the server).
--
-- Environment: QL_WS (the workspace folder), QL_OPEN (files to open, relative, ';'-separated),
-- QL_FILES (every file to read diagnostics for), QL_HOVER ('file;line;byte column', 0-based),
-- QL_TIMEOUT_MS, QL_OUT.

local out = { errors = {}, events = {} }
local started = vim.loop.hrtime()

local function elapsed_ms()
  return math.floor((vim.loop.hrtime() - started) / 1e6)
end

local function note(what)
  table.insert(out.events, { at_ms = elapsed_ms(), what = what })
end

local function split(s, sep)
  local parts = {}
  for part in string.gmatch(s or '', '[^' .. sep .. ']+') do
    table.insert(parts, part)
  end
  return parts
end

local function write_out()
  local f = assert(io.open(vim.env.QL_OUT, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
end

local function clients_of(buf)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = buf })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end

local function plain(x)
  if x == nil or x == vim.NIL then
    return nil
  end
  return x
end

-- One diagnostic as the test reads it: vim.diagnostic's own fields (0-based lines, byte columns) plus the
-- LSP fields the client keeps in user_data.lsp.
local function diagnostic_json(d)
  local lsp = (d.user_data and d.user_data.lsp) or {}
  local related = {}
  for _, r in ipairs(plain(lsp.relatedInformation) or {}) do
    table.insert(related, { uri = r.location.uri, range = r.location.range, message = r.message })
  end
  return {
    lnum = d.lnum,
    col = d.col,
    end_lnum = d.end_lnum,
    end_col = d.end_col,
    severity = d.severity,
    code = plain(d.code) or plain(lsp.code),
    source = plain(d.source),
    message = d.message,
    related = related,
    has_related = plain(lsp.relatedInformation) ~= nil,
  }
end

local function codes_in(buf)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = plain(d.code) or (d.user_data and d.user_data.lsp and plain(d.user_data.lsp.code))
    if code then
      codes[code] = true
    end
  end
  return codes
end

local function run()
  local ws = assert(vim.env.QL_WS, 'QL_WS is not set')
  local timeout = tonumber(vim.env.QL_TIMEOUT_MS or '30000')
  local v = vim.version()
  out.nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch)
  local caps = vim.lsp.protocol.make_client_capabilities()
  out.client_related_information = caps.textDocument.publishDiagnostics.relatedInformation == true

  -- Open the files as a user would: :edit triggers FileType 'text', whose autocmd (the snippet) attaches.
  local bufs = {}
  for _, rel in ipairs(split(vim.env.QL_OPEN, ';')) do
    vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/' .. rel))
    bufs[rel] = vim.api.nvim_get_current_buf()
    out.filetype = vim.bo.filetype
  end
  local first = bufs[split(vim.env.QL_OPEN, ';')[1]]

  local attached = vim.wait(timeout, function()
    for _, buf in pairs(bufs) do
      local cs = clients_of(buf)
      if #cs == 0 or not cs[1].server_capabilities then
        return false
      end
    end
    return true
  end, 20)
  if not attached then
    error('no Quote Lens client attached to every opened buffer within ' .. timeout .. ' ms')
  end
  note('attached')
  local client = clients_of(first)[1]
  out.client_name = client.name
  out.clients_started = #(vim.lsp.get_clients and vim.lsp.get_clients() or vim.tbl_values(vim.lsp.get_active_clients()))
  out.server_pid = client.rpc and plain(client.rpc.pid) or nil
  out.server_capabilities = client.server_capabilities
  out.root_dir = client.config.root_dir
  out.workspace_folders = plain(client.workspace_folders) or plain(client.config.workspace_folders)

  -- Every file's buffer (bufadd finds the buffer the diagnostics were stored on, loaded or not).
  local file_bufs = {}
  for _, rel in ipairs(split(vim.env.QL_FILES, ';')) do
    file_bufs[rel] = vim.fn.bufadd(ws .. '/' .. rel)
  end

  -- Wait for what the test needs: the wait is over when the server has published these.
  local wanted = {}
  for _, spec in ipairs(split(vim.env.QL_WAIT_FOR, ';')) do
    local rel, code = spec:match('^(.-)=(.*)$')
    table.insert(wanted, { buf = file_bufs[rel], code = code })
  end
  local ok = vim.wait(timeout, function()
    for _, w in ipairs(wanted) do
      if not codes_in(w.buf)[w.code] then
        return false
      end
    end
    return true
  end, 20)
  out.diagnostics_complete = ok
  note(ok and 'diagnostics' or 'diagnostics timed out')

  out.files = {}
  for rel, buf in pairs(file_bufs) do
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(list, diagnostic_json(d))
    end
    out.files[rel] = list
  end

  -- Hover: put the cursor where the test asks and send what `K` sends.
  local hover_spec = split(vim.env.QL_HOVER, ';')
  if #hover_spec == 3 then
    local buf = bufs[hover_spec[1]]
    vim.api.nvim_set_current_buf(buf)
    vim.api.nvim_win_set_cursor(0, { tonumber(hover_spec[2]) + 1, tonumber(hover_spec[3]) })
    local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
    out.hover = { params = params, supported = client.supports_method('textDocument/hover') }
    if out.hover.supported then
      local res, err = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout)
      if not res then
        out.hover.error = tostring(err)
      else
        for _, r in pairs(res) do
          if r.err then
            out.hover.error = vim.inspect(r.err)
          elseif plain(r.result) then
            out.hover.result = r.result
            local lines = vim.lsp.util.convert_input_to_markdown_lines(r.result.contents)
            out.hover.text = table.concat(lines, '\n')
          end
        end
      end
      note('hover')
    end
  end
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  table.insert(out.errors, tostring(err))
end
out.elapsed_ms = elapsed_ms()
local wrote, werr = pcall(write_out)
if not wrote then
  io.stderr:write('harness: could not write the result: ' .. tostring(werr) .. '\n')
end
-- Quitting runs Neovim's LSP exit handler: shutdown + exit to the server, then a kill after 500 ms.
vim.cmd(ok and wrote and 'qa!' or 'cq!')
