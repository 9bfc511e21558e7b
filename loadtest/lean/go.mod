module github.com/ossaat/ossaat/loadtest/lean

go 1.23
