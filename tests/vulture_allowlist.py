"""Names the dead-code check (vulture) cannot see being used: MkDocs calls the hook module's
handlers by name, the standard library calls parser and zip-entry attributes, argparse reads
``required``. Listed here so that the check reports only code that nothing uses."""
# ruff: noqa
import worth_hooks
from worth import cli, csp, linkcheck, offline

worth_hooks.on_startup, worth_hooks.on_config, worth_hooks.on_pre_build, worth_hooks.on_files
worth_hooks.on_env, worth_hooks.on_page_content, worth_hooks.on_post_page, worth_hooks.on_post_template
worth_hooks.on_serve, worth_hooks.on_post_build
_.dirty, _.builder  # handler parameters MkDocs passes by name
_.bytecode_cache, _.toc, _.search_index_prev  # attributes of MkDocs', Jinja's and the theme's objects
_.required  # argparse
_.handle_startendtag  # html.parser.HTMLParser
_.compress_type, _.external_attr  # zipfile.ZipInfo
_.http_error_301, _.http_error_303, _.http_error_307, _.http_error_308  # urllib.request's redirect handler
