"""sim/io/FORMAT.md documents what a fresh run file holds: its generated dimension and variable tables
match a run made now (with agent snapshots on, so their variables are listed too), and every root
attribute is described. Regenerate the tables with
  /usr/bin/python3 tests/e2e/format_doc.py build/release/hubsim /tmp/format_doc sim/io/FORMAT.md --update
Usage: format_doc.py HUBSIM SCRATCH FORMAT_MD [--update]"""
import os
import re

import h5py

from e2e_common import check, hubsim, main, ok_run, scratch

BLOCK = "<!-- BEGIN GENERATED {name}: tests/e2e/format_doc.py --update -->\n{body}<!-- END GENERATED {name} -->"


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def make_run(binary, work):
    path = os.path.join(work, "run.h5")
    # Snapshots are off by default; switch them on so their dimensions and variables are documented.
    code, _, _ = hubsim(binary, "run", "-q", "--set", "output.snapshot_every_months=12", "-o", path, cwd=work)
    if code != 0:
        ok_run(binary, "run", "-q", "-o", path, cwd=work)
    return path


def cell(s):
    return s.replace("|", "\\|")


def tables(path):
    dims, variables = [], []
    with h5py.File(path, "r") as f:
        names = []  # in creation order (the writer's logical order), not h5py's alphabetical one
        f.id.links.iterate(lambda n: names.append(n.decode()), idx_type=h5py.h5.INDEX_CRT_ORDER)
        for name in names:
            ds = f[name]
            attrs = ds.attrs
            units, long_name = cell(text(attrs.get("units", ""))), cell(text(attrs.get("long_name", "")))
            if text(attrs.get("CLASS", "")) == "DIMENSION_SCALE":
                kind = {"O": "string labels", "i": "int64 values"}.get(ds.dtype.kind, "float64 values")
                if text(attrs.get("NAME", "")).startswith("This is a netCDF dimension but not a netCDF variable"):
                    kind, long_name = "none (bounds)", "the two ends of a month (of time_bnds)"
                example = ""
                if ds.dtype.kind == "O" and name != "date":
                    labels = [text(x) for x in ds[()]]
                    example = ", ".join(labels[:9]) + (", ..." if len(labels) > 9 else "")
                dims.append(f"| `{name}` | {kind} | {units} | {long_name} | {cell(example)} |")
            elif "hubsim_dims" in attrs:
                dtype = {"i": "int64", "O": "string"}.get(ds.dtype.kind, "float64")
                dim_list = ", ".join(text(attrs["hubsim_dims"]).split())
                methods = cell(text(attrs.get("cell_methods", "")))
                if "hubsim_index_of" in attrs:
                    flags = f"index into {text(attrs['hubsim_index_of'])}"
                elif "flag_values" in attrs:
                    meanings = text(attrs.get("flag_meanings", "")).split()
                    flags = ", ".join(f"{v} {m}" for v, m in zip(attrs["flag_values"], meanings))
                else:
                    flags = ""
                variables.append(f"| `{name}` | {dtype} | ({dim_list}) | {units} | {methods} | {cell(flags)} | {long_name} |")
        root_attrs = list(f.attrs)
    dim_table = "| dimension | coordinate | units | long_name | labels |\n|---|---|---|---|---|\n" + "\n".join(dims) + "\n"
    var_table = ("| variable | type | dims | units | cell_methods | flags | long_name |\n|---|---|---|---|---|---|---|\n" +
                 "\n".join(variables) + "\n")
    return {"DIMENSIONS": dim_table, "VARIABLES": var_table}, root_attrs


def replace_block(doc, name, body):
    pattern = re.compile(re.escape(BLOCK.split("{body}")[0].format(name=name)) + r".*?" +
                         re.escape(f"<!-- END GENERATED {name} -->"), re.S)
    check(pattern.search(doc), f"FORMAT.md has no generated block {name}")
    return pattern.sub(lambda _: BLOCK.format(name=name, body=body), doc)


def test(argv):
    binary, work, doc_path = os.path.abspath(argv[0]), scratch(argv[1]), argv[2]
    update = "--update" in argv[3:]
    blocks, root_attrs = tables(make_run(binary, work))
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()
    generated = doc
    for name, body in blocks.items():
        generated = replace_block(generated, name, body)
    if update:
        with open(doc_path, "w", encoding="utf-8") as f:
            f.write(generated)
        return
    check(generated == doc, f"the generated tables in {doc_path} are out of date; regenerate them with\n"
                            f"  /usr/bin/python3 tests/e2e/format_doc.py build/release/hubsim /tmp/format_doc "
                            f"sim/io/FORMAT.md --update")
    undocumented = [a for a in root_attrs if f"`{a}`" not in doc]
    check(not undocumented, f"root attributes not described in {doc_path}: {undocumented}")


main(test)
