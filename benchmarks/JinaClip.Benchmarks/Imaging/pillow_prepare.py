"""Issue 30: Pillow's fastest path for what a Python client sends jina-clip-v1, timed on the same files as
JinaClip.Imaging (PillowReport.cs runs this with the Debian python3-pil, which decodes with libjpeg-turbo).

  python3 pillow_prepare.py one FILE...          median ms of 30 after 5 warm-ups, one thread, per file
  python3 pillow_prepare.py serve                 reads "FILE COUNT" lines, answers each with COUNT times in ms
                                                  (so that the caller can interleave its own runs with these)
  python3 pillow_prepare.py folder WORKERS FILE... images/s for the whole list on WORKERS processes

Each image: Image.open from memory, draft() so libjpeg-turbo decodes at the smallest DCT scale (1/2, 1/4 or 1/8) that
keeps the shortest side at least 224, convert to RGB, shortest side to 224 with BICUBIC, JPEG quality 95 4:4:4.
"""
import io
import multiprocessing
import statistics
import sys
import time

from PIL import Image

TARGET = 224


def prepare(data):
    image = Image.open(io.BytesIO(data))
    width, height = image.size
    scale = TARGET / min(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    image.draft("RGB", size)
    image = image.convert("RGB").resize(size, Image.BICUBIC)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=95, subsampling=0)
    return len(output.getvalue())


def one(files):
    for path in files:
        data = open(path, "rb").read()
        for _ in range(5):
            prepare(data)
        times = []
        for _ in range(30):
            start = time.perf_counter()
            prepare(data)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{path}\t{statistics.median(times):.2f}\t{min(times):.2f}\t{max(times):.2f}")


def serve():
    cache = {}
    for line in sys.stdin:
        path, count = line.rsplit(" ", 1)
        data = cache.setdefault(path, open(path, "rb").read())
        times = []
        for _ in range(int(count)):
            start = time.perf_counter()
            prepare(data)
            times.append((time.perf_counter() - start) * 1000)
        print(" ".join(f"{t:.3f}" for t in times), flush=True)


def work(path):
    return prepare(open(path, "rb").read())


def folder(workers, files):
    with multiprocessing.Pool(workers) as pool:
        pool.map(work, files[: workers * 2])  # warm every worker
        start = time.perf_counter()
        pool.map(work, files, chunksize=1)
        elapsed = time.perf_counter() - start
    print(f"{len(files)}\t{workers}\t{elapsed * 1000:.1f}\t{len(files) / elapsed:.2f}")


if __name__ == "__main__":
    if sys.argv[1] == "one":
        one(sys.argv[2:])
    elif sys.argv[1] == "serve":
        serve()
    else:
        folder(int(sys.argv[2]), sys.argv[3:])
