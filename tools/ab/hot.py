"""Helper of tools/ab/hot: finds the hottest compiled copy of a method and cuts out its machine code,
then prints the disassembly with the samples that fell on each instruction. See README.md."""
import collections
import re
import sys


def samples(ips_file):
    return collections.Counter(int(line, 16) for line in open(ips_file) if line.strip())


def cut(map_file, name, code_file, ips_file, out):
    """Writes the machine code of the copy of `name` that took the most samples to `out` (its start to out.start)."""
    ips = samples(ips_file)
    blobs = []
    for line in open(map_file):
        start, size, symbol = line.split(' ', 2)
        if name + '(' in symbol:
            blobs.append((int(start, 16), int(start, 16) + int(size, 16)))
    if not blobs:
        sys.exit('hot: no compiled code of ' + name + ' in ' + map_file)
    count = {b: sum(n for ip, n in ips.items() if b[0] <= ip < b[1]) for b in blobs}
    start, end = max(count, key=count.get)
    print(f'{name}: {count[(start, end)]} of {sum(ips.values())} samples in its hottest copy')
    lines = open(code_file).read().split('\n')
    heads = [i for i, l in enumerate(lines) if 'main code      [0x%016x' % start in l]
    if not heads:
        sys.exit('hot: the hottest copy was not printed (compiled before the print took effect?)')
    code = {}
    for l in lines[heads[0]:]:
        if l.startswith('Compiled method') and code:
            break
        m = re.match(r'\s+0x([0-9a-f]+): ((?:[0-9a-f ]+\|?)+)\s*$', l)
        if m and m.group(2).replace('|', '').replace(' ', ''):
            code[int(m.group(1), 16)] = bytes.fromhex(m.group(2).replace('|', '').replace(' ', ''))
    first = min(code)
    blob = bytearray()
    for address in sorted(code):
        blob += b'\x90' * (address - first - len(blob)) + code[address]
    open(out, 'wb').write(blob)
    open(out + '.start', 'w').write(hex(first))


def annotate(disassembly, ips_file):
    """Prints every instruction with its samples, then the 30 hottest."""
    ips = samples(ips_file)
    instructions = []
    for l in open(disassembly):
        m = re.match(r'\s*([0-9a-f]+):\s+(.*)', l)
        if m:
            instructions.append((int(m.group(1), 16), l.rstrip()))
    rows = []
    for i, (address, text) in enumerate(instructions):
        following = instructions[i + 1][0] if i + 1 < len(instructions) else address + 1
        rows.append((sum(n for ip, n in ips.items() if address <= ip < following), text))
    for n, text in rows:
        print(f'{n:6d} {text}')
    print('\nhottest instructions:')
    for n, text in sorted(rows, key=lambda r: -r[0])[:30]:
        print(f'{n:6d} {text}')


if __name__ == '__main__':
    if sys.argv[1] == '--annotate':
        annotate(sys.argv[2], sys.argv[3])
    else:
        cut(*sys.argv[1:6])
