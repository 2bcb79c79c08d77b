# Dev F1 per epoch for each row: gnuplot -e "data='FILE.tsv'; out='FILE.png'" learning-curve.gp
# FILE.tsv: a header "epoch row1 row2 ...", then one line per epoch (NaN where a row stopped).
set terminal pngcairo size 900,560 font "sans,11"
set output out
set datafile separator "\t"
set datafile missing "NaN"
set key autotitle columnhead bottom right
set xlabel "epoch"
set ylabel "dev F1 (%)"
set title "yidu-s4k: dev F1 per epoch (mean over seeds)"
set grid
columns = system("head -n 1 '" . data . "' | awk -F'\t' '{print NF}'")
plot for [i=2:columns] data using 1:i with linespoints lw 2 pt 7 ps 0.6
