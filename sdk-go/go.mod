module github.com/ossaat/ossaat/sdk-go

go 1.23
